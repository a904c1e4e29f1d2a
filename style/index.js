import './base.css';
import './training.css';
import './experiments.css';
import './run-views.css';
import './kernels.css';
import './images.css';
