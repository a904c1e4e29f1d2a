import './base.css';
import './training.css';
